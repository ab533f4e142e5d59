"""Price watch: users subscribe to products and get notified on price drops."""
