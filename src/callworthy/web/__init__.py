"""The web app and the JSON API: a thin surface over the services (build it with create_app)."""
