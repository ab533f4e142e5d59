def test_new_hire_invite_and_first_login(invites, directory):
    letter = invites.invite("Priya.N@example.com", "Priya N")
    account = invites.accept(letter.code)
    assert account.must_change_password
    assert directory.verify("priya.n@example.com", letter.temporary_password)


def test_duplicate_email_rejected(invites, directory):
    directory.create("sam@example.com", "Sam")
    try:
        invites.invite("SAM@example.com ", "Sam again")
    except ValueError as exc:
        assert "already exists" in str(exc)
    else:
        raise AssertionError("duplicate invite accepted")
