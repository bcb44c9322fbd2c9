"""Linking: talks' sentences → mentions of vocabulary entries, speakers, companies and unknown-tool candidates."""
