from .pick import pick_slot
