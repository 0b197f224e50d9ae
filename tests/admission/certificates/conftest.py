"""The refusals' fixtures: a street with its catalogue (two certificates), a worker."""

from tests.admission.refusals.conftest import (  # noqa: F401
    catalogue,
    civil_affairs,
    health,
    make_department,
    make_officer,
    refuse,
    statistics,
    today,
    worker,
)
