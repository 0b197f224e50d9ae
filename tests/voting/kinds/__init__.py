"""Each poll kind's pure rules (its ballots, tally and decision) and the registry of kinds.

What every kind's tests share: ballots as (content, weight) pairs with Decimal weights.
"""

from decimal import Decimal

from hypothesis import strategies as st

from govhub.councils.rules import RULE_SETS

D = Decimal
OPTIONS = (11, 12, 13)
ORGANIC_LAW = RULE_SETS["organic_law"]
SIMPLE = RULE_SETS["simple_majority"]
TWO_THIRDS = RULE_SETS["two_thirds"]
ALL_MEMBERS = RULE_SETS["majority_of_members"]

weights = st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False,
                      allow_infinity=False)
