"""The course: lectures, passages, index, store, evaluation and the Tutor facade."""
