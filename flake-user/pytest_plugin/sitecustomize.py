"""flakebpf: carries an experiment run's intervention into every Python
process the traced command starts, not only pytest's (a worker subprocess,
a server the tests launch), so an intervention at a line that runs there
acts there too. It is on ``PYTHONPATH`` in experiment runs only, and runs
the ``sitecustomize`` it shadows (the next one on ``sys.path``) afterwards.
"""

import os
import sys


def _intervene():
    if not os.environ.get("FLAKEBPF_INTERVENE"):
        return
    try:
        import flakebpf_intervene
        flakebpf_intervene.install_child()
    except Exception:
        pass


def _shadowed():
    here = os.path.dirname(os.path.abspath(__file__))
    for d in sys.path:
        try:
            if not d or os.path.abspath(d) == here:
                continue
            p = os.path.join(d, "sitecustomize.py")
            if os.path.isfile(p):
                with open(p) as f:
                    code = compile(f.read(), p, "exec")
                exec(code, {"__name__": "sitecustomize", "__file__": p, "__builtins__": __builtins__})
                return
        except Exception:
            return


_intervene()
_shadowed()
