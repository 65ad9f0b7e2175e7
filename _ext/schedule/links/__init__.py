"""What a link written in a schedule becomes: safe encoded hrefs, and which slides are local files of the site."""
