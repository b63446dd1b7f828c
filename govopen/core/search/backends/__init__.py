"""Search backends that make Chinese text findable (see ``database``)."""
