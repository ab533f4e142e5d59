from tagging import folder_for, normalise


def test_normalise_strips_and_lowers():
    assert normalise("  Reports ") == "reports"


def test_untagged_goes_to_misc():
    assert folder_for([]) == "misc"


def test_first_tag_names_the_folder():
    assert folder_for(["Reports", "Drafts", "reports"]) == "reports"
