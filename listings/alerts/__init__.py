"""E-mail alerts for any search: sign-up, confirmation, digests, unsubscribe."""
