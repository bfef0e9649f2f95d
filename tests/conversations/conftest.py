import pytest

from tests.factories import make_verified_user


@pytest.fixture
def writer(db):
    return make_verified_user("juniper")


@pytest.fixture
def reader(db):
    return make_verified_user("wren")
