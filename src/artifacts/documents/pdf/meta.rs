//! What PDF/A-2 and PDF/UA-1 ask of a file besides its pages: XMP metadata that repeats the
//! document information and names both standards, and an sRGB output intent (a small ICC
//! profile written here, so no profile file has to ship).

/// XMP packet: title, language, producer; `pdfaid` 2B and `pdfuaid` 1 with the extension
/// schema PDF/A requires for the latter.
pub fn xmp(title: &str, subject: &str, producer: &str) -> Vec<u8> {
    let t = xml(title);
    let s = xml(subject);
    let p = xml(producer);
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li></rdf:Alt></dc:title>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{s}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>it-IT</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{p}</pdf:Producer>
   <xmp:CreatorTool>{p}</xmp:CreatorTool>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <pdfuaid:part>1</pdfuaid:part>
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{feff}'
    )
    .into_bytes()
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A minimal ICC v2 display profile for sRGB: D50 white point, the sRGB primaries adapted
/// to D50, and a 2.2 gamma curve per channel. Enough to declare DeviceRGB and DeviceGray
/// colours as sRGB in the output intent.
pub fn srgb_icc() -> Vec<u8> {
    fn s15(v: f64) -> [u8; 4] {
        ((v * 65536.0).round() as i32).to_be_bytes()
    }
    fn xyz(x: f64, y: f64, z: f64) -> Vec<u8> {
        [b"XYZ ".as_slice(), &[0; 4], &s15(x), &s15(y), &s15(z)].concat()
    }
    fn text_desc(s: &str) -> Vec<u8> {
        let mut v = b"desc".to_vec();
        v.extend([0; 4]);
        v.extend(((s.len() + 1) as u32).to_be_bytes());
        v.extend(s.as_bytes());
        v.push(0);
        v.extend([0; 4 + 4]); // Unicode language code and count
        v.extend([0; 2 + 1 + 67]); // ScriptCode code, count and the 67-byte string
        v
    }
    fn text(s: &str) -> Vec<u8> {
        let mut v = b"text".to_vec();
        v.extend([0; 4]);
        v.extend(s.as_bytes());
        v.push(0);
        v
    }
    let curve = [b"curv".as_slice(), &[0; 4], &1u32.to_be_bytes(), &[0x02, 0x33, 0, 0]].concat();
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", text_desc("sRGB (Vetrina)")),
        (b"cprt", text("No copyright, use freely")),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve.clone()),
        (b"gTRC", curve.clone()),
        (b"bTRC", curve),
    ];
    let table_len = 4 + 12 * tags.len();
    let mut offset = 128 + table_len;
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let mut data = Vec::new();
    for (sig, bytes) in &tags {
        while !(offset + data.len()).is_multiple_of(4) {
            data.push(0);
        }
        table.extend(*sig);
        table.extend(((offset + data.len()) as u32).to_be_bytes());
        table.extend((bytes.len() as u32).to_be_bytes());
        data.extend(bytes);
    }
    offset += data.len();
    let mut header = Vec::with_capacity(128);
    header.extend((offset as u32).to_be_bytes());
    header.extend([0; 4]); // preferred CMM
    header.extend([0x02, 0x10, 0, 0]); // version 2.1
    header.extend(b"mntrRGB XYZ ");
    header.extend([0x07, 0xEA, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]); // 2026-01-01 00:00:00
    header.extend(b"acsp");
    header.extend([0; 4 + 4 + 4 + 4 + 8 + 4]); // platform, flags, manufacturer, model, attributes, intent
    header.extend(s15(0.9642));
    header.extend(s15(1.0));
    header.extend(s15(0.8249));
    header.extend([0; 4]); // creator
    header.resize(128, 0);
    [header, table, data].concat()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_icc_profile_declares_its_size_and_signature() {
        let p = super::srgb_icc();
        assert_eq!(u32::from_be_bytes([p[0], p[1], p[2], p[3]]) as usize, p.len());
        assert_eq!(&p[36..40], b"acsp");
        assert_eq!(&p[12..20], b"mntrRGB ");
    }
}
