"""Reading notes: any file format → blocks with offsets → talks with sentences."""
