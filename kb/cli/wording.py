"""The words of the ``kb`` commands' text output, in Vietnamese and English.

Shared by the commands (kb.cli.commands) and their text output (kb.cli.text_output).
"""

from __future__ import annotations

from typing import Any

MESSAGES = {
    "vi": {
        "no_kb": "chưa có cơ sở tri thức {db}: hãy chạy `kb build` trước",
        "not_found": "không có văn bản {ref} trong cơ sở tri thức",
        "ambiguous": "{ref} chỉ nhiều văn bản, hãy ghi rõ năm hoặc loại văn bản: {keys}",
        "built": "{db}: {files} tệp ({parsed} đọc lại, {unchanged} không đổi, {removed} bỏ đi); "
        "{documents} văn bản, {relations} quan hệ",
        "imported": "{db}: nhập {documents} văn bản, {relations} quan hệ từ {path}",
        "status": "Tình trạng ngày {on}: {label}",
        "replaced_by": "thay bằng",
        "relations": "Quan hệ",
        "mentions": "Được nhắc đến {n} lần",
        "variants": "cách ghi",
        "dates": "ngày",
        "disagree": "Khác với dữ liệu nhập",
        "no_results": "không tìm thấy văn bản nào về “{query}”",
        "empty_query": "QUERY để trống: hãy ghi nội dung cần tra, ví dụ “đối thoại trực tiếp”",
        "no_schema": "không có lược đồ {model!r}; chọn một trong: {names}",
        "replaces": "thay thế",
        "guided_by": "hướng dẫn",
        "implemented_by": "thực hiện",
        "results": "Văn bản điều chỉnh “{query}” ngày {on}",
        "group_in_force": "Đang có hiệu lực",
        "group_ended": "Không còn hiệu lực",
        "group_issued": "Văn bản chỉ ban hành (báo cáo, kế hoạch, công văn…)",
        "group_later": "Chưa ban hành hoặc chưa có hiệu lực vào ngày đó",
        "role_amends": "sửa đổi, bổ sung văn bản trên",
        "role_guides": "hướng dẫn văn bản trên",
        "role_implements": "thực hiện văn bản trên",
        "probably_by": "có thể đã bị thay thế bởi {ref} (suy luận, độ tin cậy {confidence:.2f})",
        "effective_from": "có hiệu lực từ {date}",
        "effective_to": "hết hiệu lực từ {date}",
        "effect_clause": "Căn cứ hiệu lực",
        "amended_by": "sửa đổi, bổ sung bởi",
    },
    "en": {
        "no_kb": "no knowledge base at {db}: run `kb build` first",
        "not_found": "no document {ref} in the knowledge base",
        "ambiguous": "{ref} names several documents, give the year or the type: {keys}",
        "built": "{db}: {files} files ({parsed} parsed, {unchanged} unchanged, {removed} removed); "
        "{documents} documents, {relations} relations",
        "imported": "{db}: imported {documents} documents, {relations} relations from {path}",
        "status": "Status on {on}: {label}",
        "replaced_by": "replaced by",
        "relations": "Relations",
        "mentions": "Mentioned {n} times",
        "variants": "written as",
        "dates": "dates",
        "disagree": "Differs from imported data",
        "no_results": "no document about “{query}”",
        "empty_query": "QUERY is empty: say what to look for, e.g. “đối thoại trực tiếp”",
        "no_schema": "no schema named {model!r}; choose from {names}",
        "replaces": "replaces",
        "guided_by": "guided by",
        "implemented_by": "implemented by",
        "results": "Documents governing “{query}” on {on}",
        "group_in_force": "In force",
        "group_ended": "No longer in force",
        "group_issued": "Issued only (reports, plans, letters…)",
        "group_later": "Not issued or not yet in force on that date",
        "role_amends": "amends the text above",
        "role_guides": "guides the text above",
        "role_implements": "implements the text above",
        "probably_by": "probably replaced by {ref} (inferred, confidence {confidence:.2f})",
        "effective_from": "in force from {date}",
        "effective_to": "no longer in force from {date}",
        "effect_clause": "Days in force read from",
        "amended_by": "amended by",
    },
}

KIND_LABELS = {
    "vi": {
        ("replaces", "out"): "thay thế",
        ("replaces", "in"): "bị thay thế bởi",
        ("repeals", "out"): "bãi bỏ",
        ("repeals", "in"): "bị bãi bỏ bởi",
        ("amends", "out"): "sửa đổi, bổ sung",
        ("amends", "in"): "được sửa đổi, bổ sung bởi",
        ("guides", "out"): "hướng dẫn",
        ("guides", "in"): "được hướng dẫn bởi",
        ("implements", "out"): "thực hiện",
        ("implements", "in"): "được thực hiện bởi",
        ("based_on", "out"): "căn cứ",
        ("based_on", "in"): "là căn cứ của",
        ("corrects", "out"): "đính chính",
        ("corrects", "in"): "được đính chính bởi",
        ("cites", "out"): "dẫn chiếu",
        ("cites", "in"): "được dẫn chiếu bởi",
    },
    "en": {
        ("replaces", "out"): "replaces",
        ("replaces", "in"): "replaced by",
        ("repeals", "out"): "repeals",
        ("repeals", "in"): "repealed by",
        ("amends", "out"): "amends",
        ("amends", "in"): "amended by",
        ("guides", "out"): "guides",
        ("guides", "in"): "guided by",
        ("implements", "out"): "implements",
        ("implements", "in"): "implemented by",
        ("based_on", "out"): "based on",
        ("based_on", "in"): "basis of",
        ("corrects", "out"): "corrects",
        ("corrects", "in"): "corrected by",
        ("cites", "out"): "cites",
        ("cites", "in"): "cited by",
    },
}


def msg(lang: str, name: str, **kw: Any) -> str:
    return MESSAGES.get(lang, MESSAGES["vi"])[name].format(**kw)
