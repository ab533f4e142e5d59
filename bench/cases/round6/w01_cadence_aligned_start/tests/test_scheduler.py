import pytest

from cadence import DailyTrigger, IntervalTrigger, JobError, OnceTrigger


def test_interval_job_repeats(scheduler, recorder, manual_clock):
    scheduler.add_job("sync", recorder("sync"), IntervalTrigger(1.0))
    scheduler.run_for(3.0)
    assert 3 <= recorder.calls.count("sync") <= 4


def test_once_job_is_removed_after_running(scheduler, recorder, manual_clock):
    scheduler.add_job("welcome", recorder("welcome"), OnceTrigger(manual_clock.now() + 0.1))
    scheduler.run_for(0.5)
    assert recorder.calls == ["welcome"]
    with pytest.raises(KeyError):
        scheduler.job("welcome")


def test_duplicate_job_names_are_rejected(scheduler, recorder):
    scheduler.add_job("a", recorder("a"), IntervalTrigger(5))
    with pytest.raises(JobError):
        scheduler.add_job("a", recorder("a"), IntervalTrigger(5))


def test_failing_job_is_recorded_and_rescheduled(scheduler, manual_clock):
    def boom():
        raise ValueError("disk full")

    job = scheduler.add_job("compact", boom, IntervalTrigger(1.0))
    scheduler.run_for(2.5)
    assert job.runs >= 2
    assert all(isinstance(e, ValueError) for e in job.failures)


def test_daily_trigger_rolls_to_next_day(manual_clock):
    trigger = DailyTrigger(hour=0, minute=0)
    first = trigger.first_fire(manual_clock.now())
    assert first > manual_clock.now()
    assert first - manual_clock.now() <= 86400
    assert trigger.next_fire(first, first) == first + 86400


def test_due_jobs_sorted_by_time_then_name(scheduler, recorder, manual_clock):
    now = manual_clock.now()
    scheduler.add_job("b", recorder("b"), OnceTrigger(now + 0.2))
    scheduler.add_job("a", recorder("a"), OnceTrigger(now + 0.2))
    scheduler.add_job("c", recorder("c"), OnceTrigger(now + 0.1))
    manual_clock.advance(0.3)
    assert scheduler.run_pending() == ["c", "a", "b"]


def test_immediate_job_runs_on_first_pass(live_scheduler, recorder):
    live_scheduler.add_job("warmup", recorder("warmup"), IntervalTrigger(0.3))
    live_scheduler.run_for(0.17)
    assert recorder.calls == ["warmup"]
