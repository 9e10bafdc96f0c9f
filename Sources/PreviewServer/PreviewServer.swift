/// `unionpress serve`: a local preview of the site with live reload (being built).
public enum PreviewServer {}
