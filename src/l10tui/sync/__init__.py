"""Several laptops, one history: the store's folder is a git repository, merged record by record (docs/SYNC.md).

``git`` holds the entry points (``sync``, ``init``, ``auto``, the doctor's ``check``, the merge driver) and names the
modules of one job each that drive git; ``merge`` is the three-way merge of two store files (pure data in, data out)
over ``records``, ``values``, ``when``, ``meta`` and ``derived``. Imports store/ and domain/ only, never Textual.
"""
