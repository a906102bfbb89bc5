"""Key-term quizzes: glossary, question builders, spaced repetition, sessions."""
