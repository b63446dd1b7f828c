"""Masking of personal data for display (names, phone and identity numbers).

Shared by every feature app; ``govopen.applications.crypto`` re-exports them.
"""

__all__ = ["mask_email", "mask_identity_number", "mask_name", "mask_phone"]


def mask_identity_number(value):
    """``110101199003071234`` → ``110***********1234``; short values all stars."""
    value = "".join((value or "").split())
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_name(value):
    """``张三`` → ``张*``, ``欧阳小明`` → ``欧***``, ``Li Lei`` → ``L*****``."""
    value = (value or "").strip()
    if len(value) <= 1:
        return value
    return value[0] + "*" * (len(value) - 1)


def mask_phone(value):
    """``13800138000`` → ``138****8000``."""
    digits = (value or "").strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_email(value):
    """``zhangsan@example.com`` → ``z*******@example.com``."""
    value = (value or "").strip()
    local, at, domain = value.partition("@")
    if not at:
        return mask_name(value)
    return mask_name(local) + "@" + domain
