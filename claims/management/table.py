"""One row format for every evaluation command's ``--table`` output, so that ``make eval``
prints a single table however many commands it runs."""

TABLE_HEADER = (
    "| set | measure | score | precision | recall | size |\n| --- | --- | --- | --- | --- | --- |"
)


def table_row(
    name: str,
    measure: str,
    score: float,
    *,
    precision: float | None = None,
    recall: float | None = None,
    size: str = "",
) -> str:
    def cell(value: float | None) -> str:
        return "" if value is None else f"{value:.3f}"

    return f"| {name} | {measure} | {score:.3f} | {cell(precision)} | {cell(recall)} | {size} |"
