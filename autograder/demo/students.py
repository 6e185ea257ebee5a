"""The demo class: 30 fictional students and the kind of work each one hands in."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

# (id, first name, last name, centre, kind of submission)
# Kinds: full = every answer right; partial = first half right, rest untouched;
# wrong = a typical mistake in one answer; blank = the untouched release;
# late = right but after the due date; corrupt = a damaged zip; none = hands nothing in.
DEMO_STUDENTS = [
    ("KHD-001", "Ananya", "Das", "Khidirpur", "full"),
    ("KHD-002", "Rahul", "Mondal", "Khidirpur", "full"),
    ("KHD-003", "অনিতা", "দাস", "Khidirpur", "full"),
    ("KHD-004", "Farhan", "Ansari", "Khidirpur", "partial"),
    ("KHD-005", "Priya", "Shaw", "Khidirpur", "wrong"),
    ("KHD-006", "Imran", "Sheikh", "Khidirpur", "full"),
    ("KHD-007", "Sneha", "Paul", "Khidirpur", "late"),
    ("KHD-008", "সুমন", "মণ্ডল", "Khidirpur", "partial"),
    ("KHD-009", "Ayesha", "Khatun", "Khidirpur", "blank"),
    ("KHD-010", "Rohit", "Saha", "Khidirpur", "wrong"),
    ("KHD-011", "Puja", "Ghosh", "Khidirpur", "full"),
    ("KHD-012", "Sahil", "Mallick", "Khidirpur", "corrupt"),
    ("KHD-013", "Tania", "Biswas", "Khidirpur", "full"),
    ("KHD-014", "Arif", "Hossain", "Khidirpur", "partial"),
    ("KHD-015", "पूजा", "कुमारी", "Khidirpur", "full"),
    ("BOW-001", "Riya", "Sen", "Bowbazar", "full"),
    ("BOW-002", "Sourav", "Dey", "Bowbazar", "wrong"),
    ("BOW-003", "Nazia", "Parveen", "Bowbazar", "full"),
    ("BOW-004", "Bikram", "Roy", "Bowbazar", "late"),
    ("BOW-005", "মৌমিতা", "সাহা", "Bowbazar", "full"),
    ("BOW-006", "Zoya", "Begum", "Bowbazar", "partial"),
    ("BOW-007", "Amit", "Yadav", "Bowbazar", "full"),
    ("BOW-008", "Shreya", "Kar", "Bowbazar", "wrong"),
    ("BOW-009", "Kunal", "Pal", "Bowbazar", "none"),
    ("BOW-010", "Salma", "Bibi", "Bowbazar", "full"),
    ("BOW-011", "Debjit", "Halder", "Bowbazar", "blank"),
    ("BOW-012", "Rupa", "Naskar", "Bowbazar", "full"),
    ("BOW-013", "Tanvir", "Alam", "Bowbazar", "partial"),
    ("BOW-014", "Moumita", "Pramanik", "Bowbazar", "full"),
    ("BOW-015", "রাজু", "হালদার", "Bowbazar", "wrong"),
]


# What the summary table says each kind handed in: "wrong" would mislabel a student whose
# one typical mistake still earns 17 of 20.
HANDED_IN = {"full": "all answers right", "partial": "first half done", "wrong": "one typical mistake",
             "blank": "the untouched notebook", "late": "all right, but late", "corrupt": "a damaged file",
             "none": "nothing"}


@dataclass(frozen=True)
class DemoStudent:
    id: str
    first_name: str
    last_name: str
    centre: str
    kind: str

    @property
    def handed_in(self) -> str:
        return HANDED_IN[self.kind]

    def deserves(self, score: float, max_score: float) -> bool:
        """Does this score match the work handed in?"""
        if self.kind in ("full", "late"):
            return max_score > 0 and score == max_score
        if self.kind == "blank":
            return score == 0
        if self.kind == "partial":
            return 0 < score < max_score
        if self.kind == "wrong":
            return score < max_score
        return score == 0  # corrupt / none: nothing was graded


def demo_students() -> list[DemoStudent]:
    return [DemoStudent(*row) for row in DEMO_STUDENTS]


def write_roster(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "first_name", "last_name", "email", "centre", "batch"])
        for s in demo_students():
            writer.writerow([s.id, s.first_name, s.last_name, "", s.centre, "2027-A"])
    return path
