"""Analytics: a NetworkX view of the store (co-occurrence, related topics, communities, paths) and its pages."""
