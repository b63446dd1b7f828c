"""Chinese full-text search for Wagtail.

- :mod:`govopen.core.search.text`: the normalisation and segmentation shared by
  indexing and querying (pure functions);
- :mod:`govopen.core.search.backends.database`: the drop-in replacement for
  Wagtail's database search backend;
- :mod:`govopen.core.search.highlight`: server-side highlighting of matches.

docs/search.md explains the choices and how to configure them.
"""
