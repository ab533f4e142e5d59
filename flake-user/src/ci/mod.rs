//! CI jobs as inputs: what `flakebpf record` keeps of a job besides its
//! events ([`capture`]), and how `analyze`/`report` turn such traces — of
//! many jobs, machines, started or attached — into runs ([`load`],
//! [`inputs`]), with outcomes from the plugin, JUnit XML ([`junit`]) or
//! pytest-rerunfailures' attempts ([`occurrences`]), refusing to mix runs
//! of different tests or revisions ([`groups`]).

pub mod capture;
pub mod groups;
pub mod inputs;
pub mod junit;
pub mod load;
pub mod occurrences;
