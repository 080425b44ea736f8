"""The corpus view's store: many sentences encoded once per model, their word vectors on disk, and
an approximate nearest-neighbour index per layer, so that "which other uses of this word are
closest to this one?" is answered in milliseconds (issue 14). No Qt, no printing."""
