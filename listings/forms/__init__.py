"""Forms: the validation rules of the employer journeys (posting, employer profile)."""
