import datetime as dt

from builder.corpus import make_title, read_corpus, split_dateline, split_paragraphs


def write(folder, name, data: bytes):
    path = folder / name
    path.write_bytes(data)
    return path


def test_dateline_is_cut_and_offsets_are_after_it(tmp_path):
    write(tmp_path, "a.txt", b" date 2022-05-04 The mayor spoke. Then left.\n\nSecond paragraph here.")
    (document,) = read_corpus(tmp_path).documents
    assert document.id == "a"
    assert document.date == "2022-05-04"
    assert document.date_source == "dateline"
    assert document.text.startswith("The mayor spoke.")
    assert document.title == "The mayor spoke."
    second = document.paragraphs[1]
    assert document.text[second.start : second.end] == "Second paragraph here."


def test_dateline_without_leading_space_and_no_dateline():
    assert split_dateline("date 2021-01-02 Text")[1] == "2021-01-02"
    body, date, warning = split_dateline("Text without a date")
    assert (body, date, warning) == ("Text without a date", None, None)


def test_malformed_and_future_datelines_are_untrusted():
    body, date, warning = split_dateline(" date 2024-13-45 Body text")
    assert date is None and body == "Body text" and "malformed" in warning
    body, date, warning = split_dateline("date 2030-01-01 Body", today=dt.date(2026, 1, 1))
    assert date is None and "future" in warning


def test_bom_and_crlf(tmp_path):
    write(tmp_path, "b.txt", "\ufeffFirst line.\r\n\r\nSecond line.\r\n".encode())
    (document,) = read_corpus(tmp_path).documents
    assert "\r" not in document.text
    assert document.text.startswith("First line.")
    assert len(document.paragraphs) == 2


def test_latin1_is_read_with_a_warning(tmp_path):
    write(tmp_path, "c.txt", "Caf\xe9 owners met the mayor.".encode("latin-1"))
    corpus = read_corpus(tmp_path)
    assert corpus.documents[0].text.startswith("Café")
    assert any("not UTF-8" in s.reason and s.severity == "warning" for s in corpus.skipped)


def test_bad_files_are_skipped_and_reported(tmp_path):
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "blank.md", b"   \n\n  ")
    write(tmp_path, "binary.txt", b"abc\x00def")
    write(tmp_path, "good.txt", b"A good article.")
    write(tmp_path, "copy.txt", b"A good article.")
    write(tmp_path, "notes.csv", b"ignored")
    corpus = read_corpus(tmp_path)
    assert [d.id for d in corpus.documents] == ["copy"]
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert "empty" in reasons["empty.txt"]
    assert "empty" in reasons["blank.md"]
    assert "binary" in reasons["binary.txt"]
    assert "duplicate of copy.txt" in reasons["good.txt"]


def test_paragraph_offsets_single_and_double_newlines():
    text = "One.\nTwo.\n\n  Three."
    paragraphs = split_paragraphs(text)
    assert [text[p.start : p.end] for p in paragraphs] == ["One.", "Two.", "Three."]


def test_title_stops_at_first_sentence_end():
    text = 'He said "go." Then more.'
    assert make_title(text, split_paragraphs(text)) == 'He said "go."'
