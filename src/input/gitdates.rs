//! "Pagina aggiornata il": the date of each file's last commit, and for the catalog's
//! changes feed the date of its first, from one `git log` pass over the whole repository,
//! falling back to the file's modification time.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Last-commit dates keyed by path relative to the site root.
#[derive(Debug, Default)]
pub struct GitDates {
    dates: HashMap<String, Date>,
    created: HashMap<String, Date>,
    pub shallow: bool,
}

impl GitDates {
    /// Read the history once. Outside a git checkout (or without git) the map is empty.
    pub fn read(root: &Path) -> GitDates {
        let prefix = match git(root, &["rev-parse", "--show-prefix"]) {
            Some(p) => p.trim().to_string(),
            None => return GitDates::default(),
        };
        let shallow = git(root, &["rev-parse", "--is-shallow-repository"]).is_some_and(|s| s.trim() == "true");
        let Some(log) = git(root, &["log", "--first-parent", "--format=%x00%ct", "--name-only", "--no-renames", "-z", "HEAD", "--", "."]) else {
            return GitDates { dates: HashMap::new(), created: HashMap::new(), shallow };
        };
        let tz = TimeZone::try_system().unwrap_or(TimeZone::UTC);
        let mut dates = HashMap::new();
        let mut created = HashMap::new();
        let mut current: Option<Date> = None;
        // NUL-separated fields: an empty field comes before each commit's "<ts>\n<first path>",
        // then one field per further path.
        let mut expect_header = false;
        for field in log.split('\0') {
            let field = field.trim_matches('\n');
            if field.is_empty() {
                expect_header = true;
                continue;
            }
            let path = if expect_header {
                expect_header = false;
                let (ts, rest) = field.split_once('\n').unwrap_or((field, ""));
                current = ts.parse::<i64>().ok().and_then(|t| Timestamp::from_second(t).ok()).map(|t| t.to_zoned(tz.clone()).date());
                rest
            } else {
                field
            };
            if let (Some(d), false) = (current, path.is_empty()) {
                // Paths are relative to the repository; keep those under the site root.
                // Newest commits come first: the first date seen is the last change, the
                // last one seen is the file's first commit.
                if let Some(rel) = path.strip_prefix(prefix.as_str()) {
                    dates.entry(rel.to_string()).or_insert(d);
                    created.insert(rel.to_string(), d);
                }
            }
        }
        GitDates { dates, created, shallow }
    }

    /// The last-commit date of a file (path relative to the site root), else its mtime.
    pub fn date_of(&self, root: &Path, rel: &str) -> Option<Date> {
        if let Some(d) = self.dates.get(rel) {
            return Some(*d);
        }
        let modified = std::fs::metadata(root.join(rel)).and_then(|m| m.modified()).ok()?;
        let ts = Timestamp::try_from(modified).ok()?;
        Some(ts.to_zoned(TimeZone::try_system().unwrap_or(TimeZone::UTC)).date())
    }

    /// The date of a file's first commit, else the same as `date_of`.
    pub fn created(&self, root: &Path, rel: &str) -> Option<Date> {
        self.created.get(rel).copied().or_else(|| self.date_of(root, rel))
    }

    pub fn len(&self) -> usize {
        self.dates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
    }
}

/// The commit the dates are read from, whether the history is shallow and where the site is
/// in the repository (empty outside a git checkout): the dates change only with these.
pub fn state(root: &Path) -> String {
    git(root, &["rev-parse", "HEAD", "--is-shallow-repository", "--show-prefix"]).unwrap_or_default()
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").current_dir(dir).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(dir: &Path, args: &[&str], date: &str) {
        let ok = Command::new("git")
            .current_dir(dir)
            .args(args)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.it")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.it")
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    }

    #[test]
    fn one_pass_gives_each_file_its_last_commit() {
        let repo = tempfile::tempdir().unwrap();
        let r = repo.path();
        run(r, &["init", "-q"], "2026-01-10T12:00:00Z");
        std::fs::create_dir_all(r.join("site/content")).unwrap();
        std::fs::write(r.join("site/content/a.md"), "a").unwrap();
        std::fs::write(r.join("site/content/b.md"), "b").unwrap();
        run(r, &["add", "."], "2026-01-10T12:00:00Z");
        run(r, &["commit", "-qm", "one"], "2026-01-10T12:00:00Z");
        std::fs::write(r.join("site/content/b.md"), "b2").unwrap();
        run(r, &["commit", "-qam", "two"], "2026-03-05T12:00:00Z");
        // Read from the site folder, a sub-folder of the repository.
        let dates = GitDates::read(&r.join("site"));
        assert_eq!(dates.len(), 2);
        let site = r.join("site");
        assert_eq!(dates.date_of(&site, "content/a.md"), Some(Date::constant(2026, 1, 10)));
        assert_eq!(dates.date_of(&site, "content/b.md"), Some(Date::constant(2026, 3, 5)));
        assert_eq!(dates.created(&site, "content/b.md"), Some(Date::constant(2026, 1, 10)));
        // An uncommitted file falls back to its modification time (today).
        std::fs::write(site.join("content/c.md"), "c").unwrap();
        assert!(dates.date_of(&site, "content/c.md").is_some());
    }

    #[test]
    fn outside_git_there_are_no_dates() {
        let dir = tempfile::tempdir().unwrap();
        assert!(GitDates::read(dir.path()).is_empty());
    }
}
