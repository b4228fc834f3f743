//! The ossec.conf dialect (OSSEC's os_xml reader, not strict XML).
