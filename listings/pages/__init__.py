"""The pages around the journeys: home, about, /healthz, the site context."""
