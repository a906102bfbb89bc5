"""Glossary terms, students, quiz sessions, attempts and spaced-repetition schedules.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "terms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("lecture", sa.String(200), nullable=False),
        sa.Column("term", sa.String(200), nullable=False),
        sa.Column("definition", sa.Text, nullable=False),
        sa.Column("aliases", sa.Text, nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.UniqueConstraint("lecture", "term"),
    )
    op.create_table(
        "students",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("guild_id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(32), nullable=False),
        sa.Column("display_name", sa.String(100), nullable=False),
        sa.Column("leaderboard", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("guild_id", "user_id"),
    )
    op.create_table(
        "quiz_sessions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("student_id", sa.Integer, sa.ForeignKey("students.id", ondelete="CASCADE"), nullable=False),
        sa.Column("lecture", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "quiz_questions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("session_id", sa.String(32), sa.ForeignKey("quiz_sessions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("term_id", sa.Integer, sa.ForeignKey("terms.id", ondelete="CASCADE"), nullable=False),
        sa.Column("prompt", sa.Text, nullable=False),
        sa.Column("options", sa.Text, nullable=False),
        sa.Column("answer_index", sa.Integer, nullable=False),
        sa.Column("reference", sa.Text, nullable=False),
        sa.UniqueConstraint("session_id", "ordinal"),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "question_id",
            sa.String(32),
            sa.ForeignKey("quiz_questions.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("student_id", sa.Integer, sa.ForeignKey("students.id", ondelete="CASCADE"), nullable=False),
        sa.Column("term_id", sa.Integer, sa.ForeignKey("terms.id", ondelete="CASCADE"), nullable=False),
        sa.Column("correct", sa.Boolean, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("response", sa.Text, nullable=False),
        sa.Column("answered_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "schedules",
        sa.Column("student_id", sa.Integer, sa.ForeignKey("students.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("term_id", sa.Integer, sa.ForeignKey("terms.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("box", sa.Integer, nullable=False),
        sa.Column("due_at", sa.DateTime, nullable=False),
        sa.Column("right", sa.Integer, nullable=False),
        sa.Column("wrong", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    for table in ("schedules", "attempts", "quiz_questions", "quiz_sessions", "students", "terms"):
        op.drop_table(table)
