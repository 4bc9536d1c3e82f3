"""A mean that lands between bands written for whole numbers belongs to the lower band."""

from workbook.content.models import Band
from workbook.engine.scoring import band_for

BANDS = [Band(min=0, max=4, label="low"), Band(min=5, max=9, label="some"), Band(min=10, max=12, label="high")]


def test_between_bands_goes_to_the_lower_one() -> None:
    assert band_for(BANDS, 4.5).label == "low"
    assert band_for(BANDS, 9.99).label == "some"
    assert band_for(BANDS, 5).label == "some"


def test_outside_all_bands_has_none() -> None:
    assert band_for(BANDS, -0.5) is None
    assert band_for(BANDS, 12.5) is None
