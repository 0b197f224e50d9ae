"""JSON routes for meetings: the same permissions and services as the pages and /live.

Each handler loads, authorises, calls a service, commits once and answers;
the services queue the broadcasts, which leave after the commit. A meeting
the token's user may not see answers 404, like one that does not exist
(`queries.visible_meeting`). One module per noun: the meetings themselves,
their agenda, attendance and speakers; they register in this order, which is
the OpenAPI document's.
"""

from __future__ import annotations

import functools

from govhub.api import error_responses
from govhub.meetings import api_bp

errors = functools.partial(error_responses, api_bp)

# In the document's order: the meetings themselves first.
from govhub.meetings.api import meetings  # noqa: E402,F401,I001
from govhub.meetings.api import agenda, attendance, speakers  # noqa: E402,F401,I001
