"""Domain rules as pure functions over values: no ORM, no I/O, tables of test cases."""
