"""Pure rules (listings/rules/) as tables of cases: values in, no database."""
