"""The GraphQL schema analysts and the integration team use (strawberry)."""
