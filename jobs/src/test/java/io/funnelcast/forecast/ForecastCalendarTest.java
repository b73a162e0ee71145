package io.funnelcast.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.funnelcast.forecast.ForecastCalendar.Period;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastCalendarTest {

  static Period period(ForecastCalendar calendar, String grain, int horizon) {
    return calendar.periods().stream().filter(p -> p.grain().equals(grain) && p.horizon() == horizon).findFirst()
        .orElseThrow();
  }

  @Test
  void aWednesdayOriginHasAPartialWeekThenWholeWeeksAndMonths() {
    // Wednesday 2026-11-04; weeks start on Monday, UTC.
    ForecastCalendar calendar = ForecastCalendar.of(LocalDate.of(2026, 11, 4), ZoneOffset.UTC, DayOfWeek.MONDAY, 13, 3);
    Period current = period(calendar, "week", 0);
    assertThat(current).extracting(Period::start, Period::end, Period::partial)
        .containsExactly(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 8), true);
    Period first = period(calendar, "week", 1);
    assertThat(first.start()).isEqualTo(LocalDate.of(2026, 11, 9));
    assertThat(first.partial()).isFalse();
    assertThat(period(calendar, "week", 13).end()).isEqualTo(LocalDate.of(2027, 2, 7));
    assertThat(period(calendar, "month", 0)).extracting(Period::start, Period::end, Period::partial)
        .containsExactly(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), true);
    assertThat(period(calendar, "month", 3)).extracting(Period::start, Period::end)
        .containsExactly(LocalDate.of(2027, 2, 1), LocalDate.of(2027, 2, 28));
    assertThat(period(calendar, "weeks_total", 13)).extracting(Period::start, Period::end)
        .containsExactly(LocalDate.of(2026, 11, 9), LocalDate.of(2027, 2, 7));
    assertThat(period(calendar, "months_total", 3)).extracting(Period::start, Period::end)
        .containsExactly(LocalDate.of(2026, 12, 1), LocalDate.of(2027, 2, 28));

    // Atoms end at every week and month boundary after the origin (Thursday 00:00): 4 days to the first Monday.
    double[] ends = calendar.atomEnds();
    assertThat(ends[0]).isEqualTo(4);
    assertThat(ends[ends.length - 1]).isEqualTo(116); // 2027-03-01
    // The partial week is its atoms up to Monday; the 13 weeks are exactly 91 days of atoms.
    assertThat(current.firstAtom()).isZero();
    assertThat(ends[current.endAtom() - 1]).isEqualTo(4);
    Period weeks = period(calendar, "weeks_total", 13);
    assertThat(ends[weeks.endAtom() - 1] - ends[weeks.firstAtom() - 1]).isEqualTo(91);
    // Every future day from Thursday on is whole; the first is the origin's next day.
    assertThat(calendar.futureDays().get(0)).extracting(ForecastCalendar.FutureDay::day,
        ForecastCalendar.FutureDay::fraction, ForecastCalendar.FutureDay::middleDays)
        .containsExactly(LocalDate.of(2026, 11, 5), 1.0, 0.5);
    assertThat(calendar.futureDays()).hasSize(116);
  }

  @Test
  void theOriginAtAWeeksEndLeavesAnEmptyPartialWeek() {
    ForecastCalendar calendar = ForecastCalendar.of(LocalDate.of(2026, 11, 8), ZoneOffset.UTC, DayOfWeek.MONDAY, 2, 1);
    Period current = period(calendar, "week", 0);
    assertThat(current.endAtom()).isEqualTo(current.firstAtom());
    assertThat(period(calendar, "week", 1).start()).isEqualTo(LocalDate.of(2026, 11, 9));
    // The week of the date is over: complete weeks run up to the next one.
    assertThat(calendar.firstIncomplete("week")).isEqualTo(LocalDate.of(2026, 11, 9));
    assertThat(calendar.firstIncomplete("month")).isEqualTo(LocalDate.of(2026, 11, 1));
  }

  @Test
  void businessDaysAreLocalAcrossADaylightSavingSwitch() {
    // Los Angeles: the end of 2026-10-31 UTC is 17:00 local (PDT); clocks fall back on Sunday 2026-11-01.
    ZoneId zone = ZoneId.of("America/Los_Angeles");
    ForecastCalendar calendar = ForecastCalendar.of(LocalDate.of(2026, 10, 31), zone, DayOfWeek.MONDAY, 1, 1);
    assertThat(calendar.currentDay()).isEqualTo(LocalDate.of(2026, 10, 31));
    List<ForecastCalendar.FutureDay> days = calendar.futureDays();
    // The rest of Saturday: 7 of its 24 hours.
    assertThat(days.get(0).day()).isEqualTo(LocalDate.of(2026, 10, 31));
    assertThat(days.get(0).fraction()).isCloseTo(7 / 24.0, within(1e-12));
    assertThat(days.get(0).middleDays()).isCloseTo(3.5 / 24, within(1e-12));
    // Sunday has 25 hours and is whole.
    assertThat(days.get(1).fraction()).isEqualTo(1.0);
    assertThat(days.get(1).middleDays()).isCloseTo((7 + 12.5) / 24, within(1e-12));
    // The partial week ends at Monday 00:00 PST, 7 + 25 hours after the origin.
    Period current = period(calendar, "week", 0);
    assertThat(calendar.atomEnds()[current.endAtom() - 1]).isCloseTo(32 / 24.0, within(1e-12));
    // November starts 2026-11-01 00:00 PDT, 7 hours after the origin: the partial month is that one atom.
    assertThat(calendar.atomEnds()[period(calendar, "month", 0).endAtom() - 1]).isCloseTo(7 / 24.0, within(1e-12));
  }
}
