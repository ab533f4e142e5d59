from helpdesk import export_csv, import_csv


def test_header(fixed_tickets):
    assert export_csv(fixed_tickets).splitlines()[0] == "ref,subject,requester,priority,opened,tags"


def test_roundtrip_of_known_tickets(fixed_tickets):
    assert import_csv(export_csv(fixed_tickets)) == fixed_tickets


def test_weekly_handover_roundtrip(queue):
    queue.open("Beamer in room 4 flickers", "facilities", "low", tags=["hardware"])
    queue.open("Payroll export fails", "hr", "urgent", tags=["finance", "sap"])
    exported = export_csv(queue.by_priority())
    back = import_csv(exported)
    assert back == queue.by_priority()
