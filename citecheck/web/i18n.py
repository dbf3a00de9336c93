"""Every sentence of the web pages, in Vietnamese (the default) and English."""

from __future__ import annotations

LANGS = ("vi", "en")

_MESSAGES: dict[str, tuple[str, str]] = {
    # navigation and layout
    "app.title": ("Kiểm tra trích dẫn văn bản", "Citation checker"),
    "nav.check": ("Kiểm tra dự thảo", "Check a draft"),
    "nav.applies": ("Văn bản nào đang áp dụng", "Which regulation applies"),
    "nav.api": ("API (OpenAPI)", "API (OpenAPI)"),
    "nav.other_lang": ("English", "Tiếng Việt"),
    "footer.local": (
        "Ứng dụng chạy trên máy của cơ quan; không dùng dịch vụ bên ngoài.",
        "This application runs on the office's own machine; it uses no outside service.",
    ),
    # check page
    "check.heading": ("Kiểm tra trích dẫn trong dự thảo", "Check the citations in a draft"),
    "check.privacy": (
        "Dự thảo chỉ được xử lý trong bộ nhớ và không được lưu lại trên máy chủ.",
        "Drafts are processed in memory and never stored on the server.",
    ),
    "check.file": ("Tệp dự thảo (.docx, .pdf, .txt)", "Draft file (.docx, .pdf, .txt)"),
    "check.drop": ("Kéo thả tệp vào đây hoặc bấm để chọn", "Drop a file here or click to choose"),
    "check.or_paste": ("hoặc dán nội dung văn bản", "or paste the text"),
    "check.limit": ("Tối đa {mb} MB.", "At most {mb} MB."),
    "check.submit": ("Kiểm tra", "Check"),
    "check.again": ("Kiểm tra văn bản khác", "Check another draft"),
    "check.summary": ("Tóm tắt", "Summary"),
    "check.no_findings": (
        "Không phát hiện lỗi trích dẫn nào.",
        "No citation problems found.",
    ),
    "check.findings": ("Các phát hiện", "Findings"),
    "check.text": ("Nội dung văn bản", "Text of the draft"),
    "check.download": (
        "Tải về bản .docx có nhận xét",
        "Download the .docx with comments",
    ),
    "check.download_note": (
        "Tệp được tạo ngay trong trang này; máy chủ không giữ bản nào.",
        "The file is built into this page; the server keeps no copy.",
    ),
    "check.evidence": ("Bằng chứng", "Evidence"),
    "check.suggestion": ("Đề xuất", "Suggestion"),
    "check.document": ("Văn bản", "Document"),
    "check.line": ("dòng {line}", "line {line}"),
    "check.see_in_text": ("xem trong văn bản", "see in the text"),
    "check.empty": (
        "Hãy chọn một tệp hoặc dán nội dung văn bản.",
        "Choose a file or paste some text.",
    ),
    "badge.error": ("Lỗi", "Error"),
    "badge.warning": ("Cảnh báo", "Warning"),
    "badge.info": ("Thông tin", "Note"),
    "toa.heading": ("Các văn bản được trích dẫn ({n})", "Documents cited ({n})"),
    "toa.document": ("Văn bản", "Document"),
    "toa.title": ("Trích yếu trong dự thảo", "As described in the draft"),
    "toa.count": ("Số lần", "Times"),
    "toa.variants": ("Cách viết", "As written"),
    "toa.verdict": ("Đối chiếu CSDL", "Against the KB"),
    "verdict.verified": ("khớp", "verified"),
    "verdict.mismatch": ("không khớp", "mismatch"),
    "verdict.replaced": ("đã bị thay thế", "replaced"),
    "verdict.repealed": ("đã bị bãi bỏ", "repealed"),
    "verdict.not-in-kb": ("không có trong CSDL", "not in the KB"),
    "verdict.unjudged": ("chưa đối chiếu", "not judged"),
    "severity.error": ("Lỗi", "Errors"),
    "severity.warning": ("Cảnh báo", "Warnings"),
    "severity.info": ("Thông tin", "Notes"),
    # applies page
    "applies.heading": (
        "Văn bản nào đang áp dụng?",
        "Which regulation applies?",
    ),
    "applies.query": ("Nội dung cần tra cứu", "What to look for"),
    "applies.placeholder": ("ví dụ: đối thoại trực tiếp", "e.g. đối thoại trực tiếp"),
    "applies.on": ("Tại ngày", "On"),
    "applies.submit": ("Tra cứu", "Search"),
    "applies.none": ("Không tìm thấy văn bản phù hợp.", "No matching document."),
    "applies.results": ("Kết quả tại ngày {on}", "Results on {on}"),
    "applies.replaced_by": ("Được thay thế bởi", "Replaced by"),
    "applies.since": ("từ {date}", "since {date}"),
    "applies.bad_date": (
        "Ngày không hợp lệ: {value}. Hãy nhập theo dạng năm-tháng-ngày.",
        "Invalid date: {value}. Use year-month-day.",
    ),
    # statuses (vbpl vocabulary)
    "status.in_force": ("Còn hiệu lực", "In force"),
    "status.amended": ("Được sửa đổi, bổ sung", "Amended"),
    "status.partly_amended": ("Được sửa đổi một phần", "Partly amended"),
    "status.replaced": ("Đã bị thay thế", "Replaced"),
    "status.repealed": ("Đã bị bãi bỏ", "Repealed"),
    "status.not_yet": ("Chưa ban hành", "Not yet issued"),
    "status.not_yet_issued": ("Chưa ban hành", "Not yet issued"),
    "status.expired": ("Hết hiệu lực", "Expired"),
    "status.unknown": ("Chưa xác định", "Unknown"),
    "status.issued": ("Đã ban hành", "Issued"),
    # document page
    "doc.heading": ("Hồ sơ văn bản", "Document record"),
    "doc.ref": ("Số hiệu", "Number"),
    "doc.type": ("Loại văn bản", "Type"),
    "doc.date": ("Ngày ban hành", "Date"),
    "doc.issuer": ("Cơ quan ban hành", "Issuer"),
    "doc.subject": ("Trích yếu", "Subject"),
    "doc.status": ("Tình trạng", "Status"),
    "doc.status_on": ("tại ngày {on}", "on {on}"),
    "doc.mentions": ("Các lần được nhắc đến", "Mentions"),
    "doc.no_mentions": ("Chưa có lần nhắc đến nào.", "No mentions yet."),
    "doc.mention_text": ("Cách viết", "As written"),
    "doc.mention_where": ("Ở đâu", "Where"),
    "doc.relations": ("Quan hệ với văn bản khác", "Relations"),
    "doc.no_relations": ("Chưa có quan hệ nào.", "No relations yet."),
    "doc.graph": ("Sơ đồ quan hệ", "Relation graph"),
    "doc.graph_note": (
        "Mũi tên đi từ văn bản tác động đến văn bản bị tác động. "
        "Nét liền: nêu trong văn bản; nét gạch: do người nhập; nét chấm: suy luận.",
        "Arrows go from the acting document to the document acted on. "
        "Solid: stated in a text; dashed: curated; dotted: inferred.",
    ),
    "doc.kind": ("Quan hệ", "Relation"),
    "doc.other": ("Văn bản", "Document"),
    "doc.origin": ("Nguồn", "Origin"),
    "doc.confidence": ("Độ tin cậy", "Confidence"),
    "doc.evidence": ("Bằng chứng", "Evidence"),
    "doc.not_found": (
        "Không có văn bản {ref} trong cơ sở dữ liệu.",
        "No document {ref} in the KB.",
    ),
    "doc.ambiguous": (
        "Số hiệu {ref} ứng với nhiều văn bản: {keys}. Hãy chọn một.",
        "The number {ref} names several documents: {keys}. Choose one.",
    ),
    "direction.out": ("văn bản này {kind}", "this document {kind}"),
    "direction.in": ("{kind} văn bản này", "{kind} this document"),
    "kind.replaces": ("thay thế", "replaces"),
    "kind.repeals": ("bãi bỏ", "repeals"),
    "kind.amends": ("sửa đổi, bổ sung", "amends"),
    "kind.guides": ("hướng dẫn", "guides"),
    "kind.details": ("quy định chi tiết", "details"),
    "kind.implements": ("triển khai thực hiện", "implements"),
    "kind.based_on": ("căn cứ", "is based on"),
    "kind.corrects": ("đính chính", "corrects"),
    "kind.cites": ("dẫn chiếu", "cites"),
    "origin.stated": ("nêu trong văn bản", "stated"),
    "origin.curated": ("do người nhập", "curated"),
    "origin.inferred": ("suy luận", "inferred"),
    "origin.imported": ("nhập từ nguồn khác", "imported"),
    # errors
    "error.title": ("Không xử lý được yêu cầu", "The request could not be handled"),
    "error.back": ("Quay lại", "Go back"),
    "error.not_found": ("Không có trang này.", "There is no such page."),
    "error.too_large": (
        "Tệp quá lớn: tối đa {mb} MB.",
        "The upload is too large: at most {mb} MB.",
    ),
    "error.media_type": (
        "Yêu cầu phải gửi dạng multipart/form-data (tệp hoặc nội dung văn bản).",
        "The request must be multipart/form-data (a file or the text).",
    ),
    "error.method": (
        "Địa chỉ này không nhận phương thức yêu cầu đã dùng.",
        "Method Not Allowed",
    ),
    "error.bad_form": ("Biểu mẫu gửi lên không hợp lệ.", "The form sent is not valid."),
    "error.internal": (
        "Đã xảy ra lỗi khi xử lý. Vui lòng thử lại hoặc báo cho quản trị viên.",
        "Something went wrong. Try again or tell the administrator.",
    ),
    "error.kb_missing": (
        "Chưa có cơ sở dữ liệu văn bản (hãy chạy kb build).",
        "The knowledge base is missing (run kb build).",
    ),
    # one field of a request that failed validation (the 422 body's "msg"), by pydantic's
    # error type; {expected}, {ge}, {le} … come from the error's context
    "invalid.missing": ("Thiếu trường bắt buộc.", "Field required."),
    "invalid.literal_error": (
        "Giá trị không hợp lệ: chỉ nhận {expected}.",
        "Input should be {expected}.",
    ),
    "invalid.int_parsing": ("Phải là một số nguyên.", "Input should be a valid integer."),
    "invalid.greater_than_equal": (
        "Phải lớn hơn hoặc bằng {ge}.",
        "Input should be greater than or equal to {ge}.",
    ),
    "invalid.less_than_equal": (
        "Phải nhỏ hơn hoặc bằng {le}.",
        "Input should be less than or equal to {le}.",
    ),
    "invalid.greater_than": ("Phải lớn hơn {gt}.", "Input should be greater than {gt}."),
    "invalid.less_than": ("Phải nhỏ hơn {lt}.", "Input should be less than {lt}."),
    "invalid.date_parsing": (
        "Ngày không hợp lệ: ghi theo dạng YYYY-MM-DD.",
        "Input should be a valid date (YYYY-MM-DD).",
    ),
    "invalid.date_from_datetime_parsing": (
        "Ngày không hợp lệ: ghi theo dạng YYYY-MM-DD.",
        "Input should be a valid date (YYYY-MM-DD).",
    ),
    "invalid.string_too_short": (
        "Quá ngắn: cần ít nhất {min_length} ký tự.",
        "String should have at least {min_length} characters.",
    ),
    "invalid.string_too_long": (
        "Quá dài: tối đa {max_length} ký tự.",
        "String should have at most {max_length} characters.",
    ),
    "invalid.other": ("Giá trị không hợp lệ.", "Invalid value."),
    # uploads
    "upload.unsupported": (
        "{name}: chỉ nhận tệp .docx, .pdf hoặc .txt.",
        "{name}: only .docx, .pdf or .txt files are accepted.",
    ),
    "upload.content-type": (
        "{name}: kiểu nội dung {declared} không khớp với phần mở rộng của tệp.",
        "{name}: content type {declared} does not match the file's extension.",
    ),
    "upload.empty": ("{name}: tệp rỗng.", "{name}: the file is empty."),
    "upload.old-doc": (
        "{name}: đây là tệp Word cũ (.doc); hãy lưu lại dưới dạng .docx.",
        "{name}: this is an old Word file (.doc); save it as .docx.",
    ),
    "upload.mismatch": (
        "{name}: nội dung tệp không phải định dạng .{kind} như tên tệp.",
        "{name}: the file's content is not the .{kind} its name says.",
    ),
    "upload.not-utf8": (
        "{name}: tệp văn bản không đọc được (không phải UTF-8).",
        "{name}: the text file cannot be read (not UTF-8).",
    ),
    "upload.bad-docx": (
        "{name}: tệp .docx bị hỏng hoặc không phải tài liệu Word.",
        "{name}: the .docx is damaged or not a Word document.",
    ),
    "upload.bad-pdf": (
        "{name}: tệp PDF bị hỏng hoặc không đọc được.",
        "{name}: the PDF is damaged or cannot be read.",
    ),
    "upload.nothing": (
        "Hãy chọn một tệp hoặc dán nội dung văn bản.",
        "Choose a file or paste some text.",
    ),
    "upload.unreadable": ("{name}: {detail}", "{name}: {detail_en}"),
}


def t(key: str, lang: str = "vi", **fields: object) -> str:
    """The sentence ``key`` in ``lang`` (Vietnamese when unknown), placeholders filled."""
    pair = _MESSAGES.get(key)
    if pair is None:
        return key
    template = pair[1] if lang == "en" else pair[0]
    try:
        return template.format(**fields)
    except (KeyError, IndexError):
        return template


def has(key: str) -> bool:
    return key in _MESSAGES


def pick_lang(*candidates: str | None) -> str:
    """The first candidate that is a known language, else Vietnamese."""
    for c in candidates:
        if c in LANGS:
            return str(c)
    return "vi"


def fmt_date(value: object) -> str:
    """dd/mm/yyyy from a date or an ISO string; anything else as is."""
    import datetime as dt

    if isinstance(value, str):
        parts = value.split("-")
        if len(parts) == 2 and all(p.isdigit() for p in parts):  # a month: 2022-01
            return f"{parts[1]}/{parts[0]}"
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return str(value)
    if isinstance(value, dt.date):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    return "" if value is None else str(value)


def doc_label(ref: str | None, key: str | None = None) -> str:
    """How a document is named on a page: its số hiệu, else the file it was read from."""
    if ref:
        return ref
    key = key or ""
    if key.startswith("file:"):
        return key.removeprefix("file:").replace("\\", "/").rsplit("/", 1)[-1]
    return key


def short_path(path: str | None) -> str:
    """A source file's name relative to its corpus; never a server's absolute path."""
    if not path:
        return ""
    p = path.replace("\\", "/")
    if p.startswith("/") or (len(p) > 2 and p[1] == ":"):
        parts = p.rsplit("/", 2)
        return "/".join(parts[-2:])
    return p
