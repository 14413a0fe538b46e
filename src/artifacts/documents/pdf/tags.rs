//! The structure tree of a tagged PDF, kept in memory while the pages are laid out and
//! written at the end: elements in reading order, each owning marked content on a page
//! (by MCID), annotations (widgets and links, by OBJR) or other elements.

use pdf_writer::types::{ListNumbering, StructRole, TableHeaderScope};
use pdf_writer::{Chunk, Name, Ref, TextStr};

#[derive(Debug, Clone, Copy)]
pub enum Kid {
    Node(usize),
    /// Marked content `mcid` on page `page`.
    Content {
        page: usize,
        mcid: i32,
    },
    /// An annotation: `page` it is on and its index among the document's annotations.
    Annot {
        page: usize,
        annot: usize,
    },
}

#[derive(Debug)]
pub struct Node {
    pub role: StructRole,
    pub parent: Option<usize>,
    pub kids: Vec<Kid>,
    pub scope: Option<TableHeaderScope>,
    pub numbering: Option<ListNumbering>,
    pub alt: Option<String>,
}

/// Node 0 is the `Document` element.
#[derive(Debug)]
pub struct Tags {
    pub nodes: Vec<Node>,
}

impl Tags {
    pub fn new() -> Tags {
        Tags { nodes: vec![Node { role: StructRole::Document, parent: None, kids: Vec::new(), scope: None, numbering: None, alt: None }] }
    }

    /// Add an element under `parent` (0 for the document).
    pub fn push(&mut self, parent: usize, role: StructRole) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node { role, parent: Some(parent), kids: Vec::new(), scope: None, numbering: None, alt: None });
        self.nodes[parent].kids.push(Kid::Node(id));
        id
    }

    pub fn header(&mut self, parent: usize, scope: TableHeaderScope) -> usize {
        let id = self.push(parent, StructRole::TH);
        self.nodes[id].scope = Some(scope);
        id
    }

    pub fn list(&mut self, parent: usize, numbering: ListNumbering) -> usize {
        let id = self.push(parent, StructRole::L);
        self.nodes[id].numbering = Some(numbering);
        id
    }

    pub fn kid(&mut self, node: usize, kid: Kid) {
        self.nodes[node].kids.push(kid);
    }

    /// Write every element. `refs[i]` is the reference of node `i`; `pages` and `annots` the
    /// references of pages and annotations.
    pub fn write(&self, chunk: &mut Chunk, root: Ref, refs: &[Ref], pages: &[Ref], annots: &[Ref]) {
        for (i, node) in self.nodes.iter().enumerate() {
            let mut el = chunk.struct_element(refs[i]);
            el.kind(node.role);
            el.parent(node.parent.map_or(root, |p| refs[p]));
            if let Some(alt) = &node.alt {
                el.alt(TextStr(alt));
            }
            if node.scope.is_some() || node.numbering.is_some() {
                let mut attrs = el.attributes();
                let a = attrs.push();
                if let Some(scope) = node.scope {
                    a.table().scope(scope);
                } else if let Some(n) = node.numbering {
                    a.list().list_numbering(n);
                }
            }
            // Content on the element's own page (`/Pg`) is listed by MCID alone.
            let home = node.kids.iter().find_map(|k| if let Kid::Content { page, .. } = k { Some(*page) } else { None });
            if let Some(p) = home {
                el.page(pages[p]);
            }
            let mut kids = el.children();
            for kid in &node.kids {
                match *kid {
                    Kid::Node(n) => {
                        kids.struct_element(refs[n]);
                    }
                    Kid::Content { page, mcid } if Some(page) == home => {
                        kids.marked_content_id(mcid);
                    }
                    Kid::Content { page, mcid } => {
                        kids.marked_content_ref().marked_content_id(mcid).page(pages[page]);
                    }
                    Kid::Annot { page, annot } => {
                        kids.object_ref().page(pages[page]).object(annots[annot]);
                    }
                }
            }
        }
    }
}

/// The tag of marked content for a role, as written in the content stream.
pub fn tag_name(role: StructRole) -> Name<'static> {
    role.to_name()
}
