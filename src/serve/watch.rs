//! What the preview rebuilds for: changes to the site's sources, one rebuild per burst.
//!
//! A rebuild reads the theme, and the kernel reports every open, read and close: reacting to
//! those rebuilt the site ten times a second with nothing edited. Only events that change a
//! file count (made, written, renamed, removed, metadata other than the access time), and
//! only under `content/`, `themes/`, `static/` and `vetrina.toml`, never in the output,
//! Vetrina's temporary files and folders (`.vetrina-*`) or the theme's `node_modules/`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use super::ServeError;

/// The folders of a site's sources, each watched with everything in it.
const SOURCES: [&str; 3] = ["content", "themes", "static"];

/// A burst of saves ends when nothing changes for this long (an editor writes a file and
/// its backup, `git checkout` rewrites many files: one rebuild)...
const QUIET: Duration = Duration::from_millis(100);
/// ...or when changes have been coming for this long without a pause.
const PATIENCE: Duration = Duration::from_secs(2);

/// What wakes the rebuild thread.
pub(super) enum Wake {
    Changed,
    Stop,
}

/// True for the kinds of event that change a file. Opening, reading or closing one changes
/// nothing; nor does a new access time.
pub(super) fn changes(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        // Written, renamed, or metadata such as the modification time (`touch`) or the mode.
        EventKind::Modify(_) => true,
        // A backend that cannot tell what happened: it may be a change.
        EventKind::Any => true,
        EventKind::Access(_) | EventKind::Other => false,
    }
}

/// True for the paths the preview rebuilds for: the site's sources, not its output,
/// Vetrina's temporary files and folders, or the theme's npm install.
pub(super) fn relevant(path: &Path, root: &Path, output: &Path) -> bool {
    if path.starts_with(output) {
        return false;
    }
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let names: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let Some(first) = names.first() else {
        return false;
    };
    let ignored = names.iter().any(|n| n == "node_modules" || n.starts_with(".vetrina-"));
    !ignored && (SOURCES.contains(&first.as_str()) || (first == "vetrina.toml" && names.len() == 1))
}

/// Wait for a change, then for the end of its burst. False when the preview stops.
pub(super) fn next_burst(wake: &Receiver<Wake>) -> bool {
    if !matches!(wake.recv(), Ok(Wake::Changed)) {
        return false;
    }
    let start = Instant::now();
    loop {
        match wake.recv_timeout(QUIET) {
            Ok(Wake::Changed) if start.elapsed() < PATIENCE => {}
            Ok(Wake::Changed) | Err(RecvTimeoutError::Timeout) => return true,
            Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// The watcher of a site's sources: the root on its own (for `vetrina.toml`, and for a
/// source folder made later) and each source folder with all it holds.
pub(super) struct Watch {
    watcher: notify::RecommendedWatcher,
    root: PathBuf,
    /// Each source folder watched, by device and inode: one replaced since (a restored
    /// copy, a folder made after the preview started) is watched again.
    folders: HashMap<&'static str, (u64, u64)>,
}

impl Watch {
    /// Start watching `root`; every change to its sources sends `Wake::Changed`.
    pub(super) fn start(root: &Path, output: &Path, wake: Sender<Wake>) -> Result<Watch, ServeError> {
        let (site, out) = (root.to_path_buf(), output.to_path_buf());
        let handler = move |result: notify::Result<notify::Event>| match result {
            Ok(event) => {
                // A rescan means the kernel dropped events: anything may have changed.
                let change = changes(&event.kind) && event.paths.iter().any(|p| relevant(p, &site, &out));
                if change || event.need_rescan() {
                    let _ = wake.send(Wake::Changed);
                }
            }
            Err(e) => eprintln!("{}: {}", crate::t!("warning"), crate::t!("serve-watch-failed", why = e.to_string())),
        };
        let mut watcher = notify::recommended_watcher(handler).map_err(|e| ServeError::Watch(root.into(), e))?;
        watcher.watch(root, RecursiveMode::NonRecursive).map_err(|e| ServeError::Watch(root.into(), e))?;
        let mut watch = Watch { watcher, root: root.to_path_buf(), folders: HashMap::new() };
        watch.refresh()?;
        Ok(watch)
    }

    /// Watch the source folders that appeared or were replaced since the last call.
    pub(super) fn refresh(&mut self) -> Result<(), ServeError> {
        use std::os::unix::fs::MetadataExt;
        for name in SOURCES {
            let path = self.root.join(name);
            let Some(id) = std::fs::metadata(&path).ok().filter(|m| m.is_dir()).map(|m| (m.dev(), m.ino())) else {
                self.folders.remove(name);
                continue;
            };
            if self.folders.get(name) != Some(&id) {
                let _ = self.watcher.unwatch(&path);
                self.watcher.watch(&path, RecursiveMode::Recursive).map_err(|e| ServeError::Watch(path.clone(), e))?;
                self.folders.insert(name, id);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, RemoveKind, RenameMode};

    use super::*;

    #[test]
    fn watches_sources_not_output() {
        let root = Path::new("/site");
        let out = Path::new("/tmp/out");
        assert!(relevant(Path::new("/site/content/servizi/x.md"), root, out));
        assert!(relevant(Path::new("/site/vetrina.toml"), root, out));
        assert!(relevant(Path::new("/site/themes/agid/templates/base.html"), root, out));
        assert!(relevant(Path::new("/site/static"), root, out));
        assert!(!relevant(Path::new("/site/themes/agid/node_modules/x.js"), root, out));
        assert!(!relevant(Path::new("/site/output/index.html"), root, out));
        assert!(!relevant(Path::new("/site/.vetrina-build-x1/index.html"), root, out));
        assert!(!relevant(Path::new("/site/content/.vetrina-tmp-x1"), root, out));
        assert!(!relevant(Path::new("/site/.git/index"), root, out));
        assert!(!relevant(Path::new("/site"), root, out));
        assert!(!relevant(Path::new("/tmp/out/index.html"), root, out));
    }

    #[test]
    fn reading_a_file_is_no_change() {
        for read in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Read),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
            EventKind::Other,
        ] {
            assert!(!changes(&read), "{read:?}");
        }
        for change in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime)),
            EventKind::Remove(RemoveKind::File),
        ] {
            assert!(changes(&change), "{change:?}");
        }
    }

    #[test]
    fn a_burst_of_changes_wakes_once() {
        let (tx, rx) = std::sync::mpsc::channel();
        let sender = std::thread::spawn(move || {
            for _ in 0..5 {
                tx.send(Wake::Changed).unwrap();
                std::thread::sleep(Duration::from_millis(20));
            }
            std::thread::sleep(QUIET * 3);
            tx.send(Wake::Stop).unwrap();
        });
        assert!(next_burst(&rx));
        assert!(!next_burst(&rx), "a second wake for the same burst");
        sender.join().unwrap();
    }
}
