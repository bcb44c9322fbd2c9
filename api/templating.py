"""The HTML templates: Starlette's Jinja2Templates (autoescaped, with url_for) over the package's templates/."""

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.templating import Jinja2Templates

templates = Jinja2Templates(
    env=Environment(loader=PackageLoader("talkgraph.api", "templates"), autoescape=select_autoescape(["html"]))
)
