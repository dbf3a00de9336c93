"""How ``kb applies`` names texts and cuts their subjects (subjects as the KB of the bench
corpus holds them)."""

from __future__ import annotations

from kb.queries.applies import doc_label, shown_subject, split_query


def test_a_subject_stops_where_it_ends() -> None:
    # Thông tư 03/2019/TT-BNV as read from a citation: the definition that follows is cut
    read = (
        "sửa đổi, bổ sung một số quy định về tuyển dụng công chức, viên chức, nâng ngạch "
        "ngạch công chức, thăng hạng chức danh nghề nghiệp viên chức và thực hiện chế độ hợp "
        "đồng một số loại công việc trong cơ quan hành chính nhà nước, đơn vị sự nghiệp công "
        "lập (Sau đây viết tắt là"
    )
    cut = shown_subject(read)
    assert cut is not None and cut.endswith("đơn vị sự nghiệp công lập")
    # a law's name as read from its header, with the "ban hành" of the next line
    assert shown_subject("Đất đai ban hành") == "Đất đai"
    # long subjects end at a word, marked as cut
    long = shown_subject("quy định " + "chi tiết thi hành " * 30)
    assert long is not None and long.endswith(" …") and len(long) <= 325
    # a trích yếu that holds a ";" keeps it (Quy định 429-QĐ/TU, as the seed reports cite it)
    seed = (
        "quy định đối thoại trực tiếp giữa người đứng đầu cấp ủy, chính quyền các cấp; người "
        "đứng đầu các sở, ban, ngành cấp tỉnh với nhân dân"
    )
    assert shown_subject(seed) == seed


def test_a_corpus_file_without_its_number_is_named_by_type_title_and_date() -> None:
    # (key, ref, type, date, issuer, issuer_code, subject, title, path, …)
    row = ("file:docs/cb-30971.txt", None, "Luật", None, None, None, None, "BẢO HIỂM XÃ HỘI")
    label = doc_label("file:docs/cb-30971.txt", row)
    assert label == "Luật “BẢO HIỂM XÃ HỘI”"
    assert "docs/" not in label
    dated = ("file:docs/x.txt", None, "Quyết định", "2024-03-05", None, None, "về việc A", None)
    assert doc_label("file:docs/x.txt", dated) == "Quyết định “về việc A” (05/3/2024)"
    bare = ("file:docs/cb-28383.txt", None, None, None, None, None, None, None)
    assert doc_label("file:docs/cb-28383.txt", bare) == "Văn bản không rõ số hiệu"
    numbered = ("138/2020/NĐ-CP", "138/2020/NĐ-CP", "Nghị định", "2020-11-27")
    assert doc_label("138/2020/NĐ-CP", (*numbered, None, None, None, None)) == (
        "Nghị định 138/2020/NĐ-CP"
    )


def test_a_question_may_name_a_law() -> None:
    assert split_query("luật đất đai") == ("Luật", "dat dai")
    assert split_query("Bộ luật Lao động") == ("Bộ luật", "lao dong")
    assert split_query("tuyển dụng công chức") == (None, "tuyen dung cong chuc")
