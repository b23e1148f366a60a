"""The digital edition of Anett Schenk, *Mellan handläggare och administratör* (2015): the parser, the model,
the checks, the rendering, the exports and the site-level work of the MkDocs hooks, in layers that import only
downwards: core <- model <- checks | render | export <- site <- tools (and scripts/hooks/). See README.md."""
