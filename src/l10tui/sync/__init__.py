"""Several laptops, one history: the store's folder is a git repository, merged record by record (docs/SYNC.md).

``merge`` is the three-way merge of two store files (pure data in, data out); ``git`` drives git: ``init``, ``sync``,
the merge driver's file handling and the doctor's checks. Imports store/ and domain/ only, never Textual.
"""
