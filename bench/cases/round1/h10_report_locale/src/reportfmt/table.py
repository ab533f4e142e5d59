from .numbers import format_amount


def render_table(rows, headers=("Item", "Amount")):
    """Plain-text table with right-aligned amounts."""
    body = [(str(name), format_amount(amount)) for name, amount in rows]
    w0 = max([len(headers[0])] + [len(r[0]) for r in body])
    w1 = max([len(headers[1])] + [len(r[1]) for r in body])
    lines = ["%s  %s" % (headers[0].ljust(w0), headers[1].rjust(w1)),
             "%s  %s" % ("-" * w0, "-" * w1)]
    lines += ["%s  %s" % (n.ljust(w0), a.rjust(w1)) for n, a in body]
    return "\n".join(lines)
