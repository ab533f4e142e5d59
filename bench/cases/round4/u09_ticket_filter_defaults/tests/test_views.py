from helpdesk.views import saved_view, search


def test_unfiltered_search_lists_everything(tickets):
    assert search(tickets) == [101, 107, 102, 106, 103, 104, 105]


def test_network_queue_view(tickets):
    assert saved_view("my-network-queue", tickets) == [102, 105]


def test_escalations_view(tickets):
    assert saved_view("escalations", tickets) == [101, 102, 106]
