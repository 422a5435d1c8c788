"""Text preparation before translation, one module per step; import from the modules:

    service.text.normalize   normalize(text) -> Normalized(text, notes)
    service.text.detect      detect_language(text) -> LanguageInfo; NoLanguageError
    service.text.segment     split_paragraphs, split_sentences, segment, join_segments, sentence_spans; Segment

Nothing is re-exported here: a function named like its module ("normalize", "segment") would hide the
module (``import service.text.segment`` would then give the function, and patching it would break).
"""
