"""Excel forms: handing out the tertial's questions per owner and collecting the answers."""
