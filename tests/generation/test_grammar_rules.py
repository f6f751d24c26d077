"""The general rules that drop a generated question whose English or kinds are broken."""

from app.generation.grammar import grammar_problems, voice_problems
from app.generation.kinds import copy_problems, group_like, kind_problems


def test_a_sentence_opener_inside_a_question_is_broken():
    stem = "According to the text, whom does As members of the club, the town will invite?"
    assert grammar_problems(stem, "multiple_choice")
    assert not grammar_problems("According to the text, whom will the town invite?", "short_answer")


def test_a_does_question_keeps_neither_its_modal_nor_its_verbs_s():
    assert grammar_problems("What does the mayor will open?", "short_answer")
    assert grammar_problems(
        "According to the text, what does the harvest depends on?", "short_answer"
    )
    assert not grammar_problems(
        "According to the text, what does the harvest depend on?", "short_answer"
    )
    assert not grammar_problems("What does the council discuss?", "short_answer")


def test_which_of_the_following_is_not_spliced_into_a_noun_phrase():
    assert grammar_problems(
        "The town will advance which of the following of farmers?", "multiple_response"
    )
    assert grammar_problems("Trade rests on external which of the following?", "multiple_response")
    assert not grammar_problems(
        "The town will advance which of the following?", "multiple_response"
    )


def test_a_demonstrative_must_point_at_something_in_the_stem():
    assert grammar_problems("Which charter, signed on this day, sets these rules?", "short_answer")
    assert not grammar_problems(
        "Which of these happened before this event: a flood?", "multiple_choice"
    )
    assert not grammar_problems(
        "The town set new rules. Which charter sets these rules?", "short_answer"
    )
    assert not grammar_problems("Put these events in order.", "ordering")


def test_a_key_in_the_texts_first_person_is_dropped():
    assert voice_problems(["trade between our towns"])
    assert not voice_problems(["the U.S. Congress", "trade between the two towns"])


def test_list_distractors_share_the_members_number():
    assert kind_problems(["farmers", "teachers", "nurses"], ["patience", "the harbour master"])
    assert kind_problems(["patience", "good faith"], ["storms"])
    assert not kind_problems(["farmers", "teachers"], ["sailors", "the rights of tenants"])
    assert not kind_problems(["the rights of tenants", "patience"], ["storms"])  # mixed: no rule


def test_which_group_fits_only_a_group():
    assert not group_like("the Green Valley")
    assert not group_like("the Northern Sea")
    assert group_like("the River Contact Group")
    assert group_like("the Vikings")
    assert group_like("UNESCO")


def test_a_true_false_is_not_its_sentence_retold_or_one_word_swapped():
    quote = "The two towns will lower fees on fish, grain, and wool by one half before 2006."
    assert copy_problems(
        "True or false: The two towns commit themselves to raising fees on fish, grain, and wool.",
        quote,
    )
    assert copy_problems(
        "True or false: The two towns will raise fees on fish, grain, and wool by one half.",
        quote,
    )
    assert not copy_problems(
        "True or false: The towns agreed to halve what traders pay at the harbour.", quote
    )


def test_lists_of_actions_have_no_number_to_share():
    assert not kind_problems(
        ["to train nurses", "to build wells"], ["to ensure the safety of roads"]
    )


def test_a_statement_cut_inside_a_phrase_and_a_question_word_repeating_its_noun():
    assert grammar_problems(
        "True or false: The parties commit themselves to increasing the tanks that.", "true_false"
    )
    assert not grammar_problems(
        "True or false: The parties commit themselves to increasing the tanks.", "true_false"
    )
    assert grammar_problems(
        "According to the text, the parties welcome which organization of civic organizations?",
        "short_answer",
    )
    assert not grammar_problems(
        "According to the text, the parties welcome which forum of civic organizations?",
        "short_answer",
    )
