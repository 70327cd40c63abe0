"""Chinese formatting of figures, the way the seed report writes them.

The seed (芙蓉区 2019 法治政府建设 report, ``docs/reference/seed-figures.md``) fixes the
house style; each function below names the seed figure it reproduces. Conventions:

* Arabic numerals, **no thousands separators** (``121947人次``, ``74669条``), the unit written
  straight after the number.
* **万 only when asked.** Counts are written in full (``121947人次``, ``13051批次``, ``8132家``)
  unless the caller asks for 万 (``wan=True`` or :func:`fmt_wan`): the seed uses ``2.4万件``
  for the hotline only. No automatic threshold.
* **Money** is given as ``Decimal`` yuan, ``int`` yuan, or integer fen (``fen=`` keyword);
  never ``float`` (``TypeError``). 万元 figures are exact by default with trailing zeros
  stripped (``767.8821万元``, ``533.03万元``); ``approx=True`` floors to whole 万 and adds 余
  (``259万余元``); ``places=n`` rounds half-up (``2.6亿元`` from 259,800,000).
* **余** means "more than": it is written only when the true figure exceeds the figure stated
  (see :func:`fmt_approx`).
* **Percentages** keep the requested places, trailing zeros included (``97.50%``).
* **Dates** follow GB/T 9704-2012 §7.3.5.4: Arabic numerals, full year, no zero padding
  (``2020年3月17日``).
* Rounding is half-up (四舍五入). Negative counts and amounts raise ``ValueError``.
* **大写 amounts** (decisions, receipts) follow the 支付结算办法's rules for 中文大写金额
  (see :func:`fmt_rmb_upper`); they are never rounded.

Pure Python: no Django import.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

__all__ = [
    "count",
    "fmt_approx",
    "fmt_count",
    "fmt_counts",
    "fmt_date",
    "fmt_month",
    "fmt_cn_int",
    "fmt_percent",
    "fmt_quantity",
    "fmt_rmb_upper",
    "fmt_share",
    "fmt_wan",
    "fmt_wan_yuan",
    "fmt_workdays",
    "fmt_yi_yuan",
    "fmt_yuan",
    "yuan_from_fen",
]

Number = int | Decimal
_WAN = Decimal(10_000)
_YI = Decimal(100_000_000)


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------


def _to_decimal(value: object, what: str, *, allow_float: bool = False) -> Decimal:
    if isinstance(value, bool):
        raise TypeError(f"{what} must be int or Decimal, not bool")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{what} must be finite, got {value}")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float) and allow_float:
        return Decimal(repr(value))
    raise TypeError(f"{what} must be int or Decimal, not {type(value).__name__}")


def _non_negative(value: Decimal, what: str) -> Decimal:
    if value < 0:
        raise ValueError(f"{what}不能为负数：{value}（{what} must not be negative）")
    return value


def _plain(value: Decimal) -> str:
    """Decimal without exponent and without trailing fractional zeros: 767.88210 → 767.8821."""
    return format(value.normalize(), "f")


def _round(value: Decimal, places: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    if places < 0:
        raise ValueError(f"places must be >= 0, got {places}")
    return value.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def _check_count(n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"count must be int, not {type(n).__name__}")
    if n < 0:
        raise ValueError(f"数量不能为负数：{n}（count must not be negative）")
    return n


def yuan_from_fen(fen: int) -> Decimal:
    """Exact yuan from integer fen (分): ``yuan_from_fen(767882100)`` → ``7678821.00``."""
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError(f"fen must be int, not {type(fen).__name__}")
    return Decimal(fen).scaleb(-2)


def _amount(amount: Number | None, fen: int | None) -> Decimal:
    if (amount is None) == (fen is None):
        raise TypeError("give exactly one of amount (yuan) or fen=")
    value = yuan_from_fen(fen) if fen is not None else _to_decimal(amount, "amount")
    return _non_negative(value, "金额")


# --------------------------------------------------------------------------------------------
# counts
# --------------------------------------------------------------------------------------------


def fmt_count(n: int, unit: str = "件", *, wan: bool = False, places: int = 1) -> str:
    """A count with its unit, in full: ``fmt_count(8130, "起")`` → ``"8130起"``.

    Seed: 8130起, 330项, 1004项, 96个, 227项, 1049件, 175份, 79个, 47件, 121947人次,
    1202次, 5810起, 310次, 295起, 13051批次, 74669条, 8132家, 260家, 80起, 155件, 268个,
    130件, 115件, 173件, 44件, 3611件, 88件, 54件, 143件. No thousands separators and no
    万 unless ``wan=True``, which delegates to :func:`fmt_wan` (``fmt_count(24000, "件",
    wan=True)`` → ``"2.4万件"``, the seed's hotline figure).
    """
    n = _check_count(n)
    if wan:
        return fmt_wan(n, places=places, unit=unit)
    return f"{n}{unit}"


#: Short alias of :func:`fmt_count`.
count = fmt_count


def fmt_counts(*parts: tuple[int, str]) -> str:
    """Several counts side by side: ``fmt_counts((10, "件"), (11, "人"))`` → ``"10件11人"``.

    Seed: 成功化解信访积案10件11人.
    """
    if not parts:
        raise ValueError("fmt_counts needs at least one (count, unit) pair")
    return "".join(fmt_count(n, unit) for n, unit in parts)


def fmt_wan(n: Number, places: int = 1, unit: str = "件", *, strip_zeros: bool = True) -> str:
    """A figure in 万 (ten thousands), rounded half-up to ``places``.

    Seed: 共办结市民热线工单2.4万件 — ``fmt_wan(24000, places=1, unit="件")`` → ``"2.4万件"``.
    Trailing zeros are stripped unless ``strip_zeros=False`` (``fmt_wan(20000)`` → ``"2万件"``).
    """
    value = _non_negative(_to_decimal(n, "n"), "数量")
    rounded = _round(value.scaleb(-4), places)
    text = _plain(rounded) if strip_zeros else format(rounded, "f")
    return f"{text}万{unit}"


def fmt_approx(n: int, unit: str = "件", *, step: int | None = None) -> str:
    """ "More than" figures with 余: ``fmt_approx(5000, "条")`` → ``"5000余条"``.

    Seed: 督办整改市容市貌问题5000余条.

    * Without ``step``, ``n`` is the round figure the caller states and the true figure is
      known to exceed it: 余 is always written.
    * With ``step``, ``n`` is the true figure: it is floored to a multiple of ``step`` and 余
      is written only when something was cut off (``fmt_approx(5123, "条", step=1000)`` →
      ``"5000余条"``; ``fmt_approx(5000, "条", step=1000)`` → ``"5000条"``).
    """
    n = _check_count(n)
    if step is None:
        return f"{n}余{unit}"
    if isinstance(step, bool) or not isinstance(step, int) or step <= 0:
        raise ValueError(f"step must be a positive int, got {step!r}")
    floor = n // step * step
    return f"{floor}余{unit}" if n > floor else f"{floor}{unit}"


def fmt_quantity(value: Number, unit: str) -> str:
    """A fractional quantity, zeros stripped: ``(Decimal("1.50"), "天")`` → ``"1.5天"``."""
    return f"{_plain(_non_negative(_to_decimal(value, 'value'), '数量'))}{unit}"


def fmt_workdays(n: Number) -> str:
    """Working days: ``fmt_workdays(Decimal("1.5"))`` → ``"1.5个工作日"``.

    Seed: 企业开办和注销压减至1.5个工作日内完成.
    """
    return fmt_quantity(n, "个工作日")


# --------------------------------------------------------------------------------------------
# money
# --------------------------------------------------------------------------------------------


def fmt_yuan(amount: Number | None = None, *, fen: int | None = None) -> str:
    """Plain yuan, exact: ``fmt_yuan(Decimal("7678821"))`` → ``"7678821元"``."""
    return f"{_plain(_amount(amount, fen))}元"


def fmt_wan_yuan(
    amount: Number | None = None,
    *,
    fen: int | None = None,
    approx: bool = False,
    places: int | None = None,
) -> str:
    """An amount in 万元, the seed's usual money style.

    * exact (default): ``Decimal("7678821")`` → ``"767.8821万元"``; ``5330300`` →
      ``"533.03万元"``; ``253500`` → ``"25.35万元"``; ``63091100`` → ``"6309.11万元"``
      (seed: 罚款767.8821万元, 533.03万元, 25.35万元; 协议涉及金额6309.11万元);
    * ``approx=True``: floor to whole 万 and add 余 when something was cut off —
      2,590,000 < x < 2,600,000 → ``"259万余元"`` (seed: 罚款259万余元); exactly 2,590,000 →
      ``"259万元"``;
    * ``places=n``: round half-up to ``n`` places of 万, trailing zeros stripped.

    ``amount`` is yuan (``Decimal`` or ``int``); pass integer fen as ``fen=`` instead.
    """
    value = _amount(amount, fen)
    if approx:
        if places is not None:
            raise ValueError("approx and places cannot be combined")
        floor = _round(value.scaleb(-4), 0, ROUND_FLOOR)
        suffix = "余" if floor * _WAN < value else ""
        return f"{_plain(floor)}万{suffix}元"
    wan = value.scaleb(-4) if places is None else _round(value.scaleb(-4), places)
    return f"{_plain(wan)}万元"


def fmt_yi_yuan(
    amount: Number | None = None,
    *,
    fen: int | None = None,
    places: int | None = None,
    approx: bool = False,
) -> str:
    """An amount in 亿元: ``fmt_yi_yuan(Decimal("260000000"))`` → ``"2.6亿元"``.

    Seed: 审减金额2.6亿元. Exact by default; ``places=1`` rounds half-up
    (259,800,000 → ``"2.6亿元"``); ``approx=True`` floors to ``places`` (default 0) and adds
    余 when something was cut off (263,000,000, places=1 → ``"2.6亿余元"``).
    """
    value = _amount(amount, fen)
    if approx:
        digits = places or 0
        floor = _round(value.scaleb(-8), digits, ROUND_FLOOR)
        suffix = "余" if floor * _YI < value else ""
        return f"{_plain(floor)}亿{suffix}元"
    yi = value.scaleb(-8) if places is None else _round(value.scaleb(-8), places)
    return f"{_plain(yi)}亿元"


_UPPER_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UPPER_SMALL = ("", "拾", "佰", "仟")
_UPPER_BIG = ("", "万", "亿", "万亿")


def _upper_integer(n: int) -> str:
    """Whole yuan in 大写 digits: 1001 → 壹仟零壹, 1000100 → 壹佰万零壹佰.

    Digits are read in groups of four (个, 万, 亿); a run of zeros inside the number is
    written as one 零, zeros at the end of the number or of a group are not written, and a
    group of four zeros drops its 万.
    """
    if n == 0:
        return "零"
    digits = str(n)
    if len(digits) > 16:
        raise ValueError(f"金额过大：{n}（amount too large for 大写）")
    out: list[str] = []
    zero = False
    for i, ch in enumerate(digits):
        pos = len(digits) - 1 - i
        small, big = pos % 4, pos // 4
        if ch == "0":
            zero = True
        else:
            if zero:
                out.append("零")
                zero = False
            out.append(_UPPER_DIGITS[int(ch)] + _UPPER_SMALL[small])
        if small == 0 and big and int(digits[max(0, i - 3) : i + 1]):
            out.append(_UPPER_BIG[big])
    return "".join(out)


def fmt_rmb_upper(amount: Number | None = None, *, fen: int | None = None) -> str:
    """An amount of money in 中文大写, as decisions and receipts write it, without the
    "人民币" prefix: ``Decimal("2590000.07")`` → ``"贰佰伍拾玖万元零柒分"``.

    Rules (中国人民银行《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》):
    digits 零壹贰叁肆伍陆柒捌玖 with 拾佰仟万亿 and 元角分; ten is 壹拾 (``10`` →
    ``"壹拾元整"``); 整 after 元 and after 角 (the rules require it after 元 and allow it
    after 角), never after 分; a run of zeros inside the figure is one 零
    (``1001`` → ``"壹仟零壹元整"``); no 角 but some 分 writes 零 after 元
    (``Decimal("10.05")`` → ``"壹拾元零伍分"``); less than one yuan starts at the 角 or 分
    (``Decimal("0.5")`` → ``"伍角整"``); nothing is ``"零元整"``.

    The amount is exact: more than two decimal places raise ``ValueError`` (money is never
    rounded silently), and so does a negative amount.
    """
    value = _amount(amount, fen)
    fen_total = value * 100
    if fen_total != fen_total.to_integral_value():
        raise ValueError(f"金额最多到分：{value}（amount has more than two decimal places）")
    fen_total = int(fen_total)
    yuan, jiao, fen_digit = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    if fen_total == 0:
        return "零元整"
    text = f"{_upper_integer(yuan)}元" if yuan else ""
    if jiao:
        text += f"{_UPPER_DIGITS[jiao]}角"
    elif fen_digit and yuan:
        text += "零"
    if fen_digit:
        return f"{text}{_UPPER_DIGITS[fen_digit]}分"
    return f"{text}整"


_CN_DIGITS = "零一二三四五六七八九"


def fmt_cn_int(n: int) -> str:
    """A small whole number in Chinese numerals, as statutes write periods: ``15`` → ``"十五"``,
    ``60`` → ``"六十"``, ``3`` → ``"三"``, ``105`` → ``"一百零五"`` (0–9999)."""
    n = _check_count(n)
    if n >= 10_000:
        raise ValueError(f"fmt_cn_int handles 0–9999, got {n}")
    if n == 0:
        return "零"
    if 10 <= n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    out: list[str] = []
    zero = False
    for i, ch in enumerate(str(n)):
        pos = len(str(n)) - 1 - i
        if ch == "0":
            zero = True
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_CN_DIGITS[int(ch)] + ("", "十", "百", "千")[pos])
    return "".join(out)


# --------------------------------------------------------------------------------------------
# percentages
# --------------------------------------------------------------------------------------------


def fmt_percent(
    ratio: Number | float,
    places: int = 2,
    *,
    at_least: bool = False,
) -> str:
    """A ratio as a percentage with exactly ``places`` decimals (half-up).

    Seed: 平均回访满意度达97.50% — ``fmt_percent(Decimal("0.975"), places=2)`` →
    ``"97.50%"``; 精减率达77% — ``fmt_percent(0.77, places=0)`` → ``"77%"``;
    办理时限压减90%以上 — ``fmt_percent(Decimal("0.9"), places=0, at_least=True)`` →
    ``"90%以上"`` (以上 includes the figure itself, the usual legal reading).

    A ratio is not money, so ``float`` is accepted (converted through its shortest repr).
    Negative ratios (a fall) are allowed.
    """
    value = _to_decimal(ratio, "ratio", allow_float=True)
    text = format(_round(value * 100, places), "f")
    return f"{text}%以上" if at_least else f"{text}%"


def fmt_share(part: Number, whole: Number, places: int = 2) -> str:
    """``part / whole`` as a percentage: ``fmt_share(39, 40)`` → ``"97.50%"``.

    ``whole`` must be positive (``ValueError`` otherwise); neither may be negative.
    """
    p = _non_negative(_to_decimal(part, "part"), "分子")
    w = _non_negative(_to_decimal(whole, "whole"), "分母")
    if w == 0:
        raise ValueError("分母为0，无法计算百分比（whole must not be zero）")
    return fmt_percent(p / w, places)


# --------------------------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------------------------


def fmt_date(d: date) -> str:
    """``2020年3月17日``: full year, no zero padding (GB/T 9704-2012 §7.3.5.4).

    Seed: the report's date, 2020年3月17日. A ``datetime`` is formatted by its date part.
    """
    if not isinstance(d, date):
        raise TypeError(f"fmt_date needs a date, not {type(d).__name__}")
    return f"{d.year}年{d.month}月{d.day}日"


def fmt_month(year: int, month: int) -> str:
    """``fmt_month(2019, 11)`` → ``"2019年11月"`` (same convention as :func:`fmt_date`)."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1–12, got {month}")
    if year < 1:
        raise ValueError(f"year must be positive, got {year}")
    return f"{year}年{month}月"
