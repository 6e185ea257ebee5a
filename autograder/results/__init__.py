"""What the course's numbers say: each week's status, exports, reports, eligibility, certificates."""
